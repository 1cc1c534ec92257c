"""Who a mention refers to: person registry and aliases (``coref``), speaker resolution
for quotes (``resolve``)."""
