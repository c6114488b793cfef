import sys

from wikilint.cli import main

sys.exit(main())
