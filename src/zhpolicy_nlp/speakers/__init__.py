"""Who a mention refers to: every rule of speaker resolution is in ``resolve`` (person records
for the titles stage, :class:`SpeakerResolver` for the quotes stage); ``index`` holds the
per-Doc position lookups they run on."""
from .resolve import Mention, Registry, SpeakerResolver, resolve_description

__all__ = ["Mention", "Registry", "SpeakerResolver", "resolve_description"]
