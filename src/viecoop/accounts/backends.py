from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend


class AuthenticationBackend(AllauthBackend):
    """allauth's e-mail authentication, without Django's model permissions for ordinary people.

    viecoop's permissions are django-rules predicates over roles. Django's model
    permissions only matter for the technical admin site; skipping them for everyone
    else saves two queries on every page that asks a permission the rules refuse.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not (user_obj.is_active and (user_obj.is_staff or user_obj.is_superuser)):
            return set()
        return super().get_all_permissions(user_obj, obj)

    def get_user_permissions(self, user_obj, obj=None):
        if not (user_obj.is_active and (user_obj.is_staff or user_obj.is_superuser)):
            return set()
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        if not (user_obj.is_active and (user_obj.is_staff or user_obj.is_superuser)):
            return set()
        return super().get_group_permissions(user_obj, obj)
