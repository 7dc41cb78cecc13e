"""`python -m summit_venues`: the same command line as `summit-venues`."""
import sys

from .publishing.cli import main

sys.exit(main())
