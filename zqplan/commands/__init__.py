"""Commands that live in their own module, imported only when they run."""
