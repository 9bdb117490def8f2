"""viecoop — la vie coopérative des Coop'HLM et de leur fédération."""
