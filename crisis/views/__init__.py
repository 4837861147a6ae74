"""HTML pages of the core, by concern: cases and organisations; the risk register."""
