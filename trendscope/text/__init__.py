"""Text: cleaning, tokenizer backends and the lexicon (user dictionary, synonyms, stopwords)."""
