from .cli import MODULE, main

raise SystemExit(main(prog=MODULE))
