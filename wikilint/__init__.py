"""wikilint: a linter for wiki articles in MediaWiki wikitext and zh-wiki's exported markdown."""

__version__ = "0.1.0"
