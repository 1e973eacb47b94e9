"""Helpers of single commands (kwic, related, lexicon, compare-tokenizers, collect's flags and summary, doctor's view).

They are not pipeline stages: nothing is cached and nothing else reads what they write. Each takes the loaded
study and the paths the pipeline returned and gives back data (or rich renderables) for cli.py to print, so
the CLI module only declares options and prints.
"""
