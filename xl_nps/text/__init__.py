"""Comments: languages, meaningful words, themes and the close-the-loop list."""
