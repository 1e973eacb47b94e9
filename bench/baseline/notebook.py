# %% [markdown]
# # The usual notebook (baseline for issue 15)
#
# What a researcher writes instead of trendscope, cell by cell: read the export as CSV,
# pandas `apply` with KoNLPy Komoran's `.nouns()`, scikit-learn CountVectorizer and
# TfidfVectorizer per year, co-occurrence counted with Python pair loops, networkx
# centralities, and one gensim LdaModel.  Run as a script (`python bench/baseline/notebook.py
# corpus.csv`) it prints the seconds each part took as JSON; bench/perf.py compares them with
# trendscope's stages on the same corpus.  One process, as notebooks run.

# %%
import json
import sys
import time
from collections import Counter
from itertools import combinations

import networkx as nx
import pandas as pd
from gensim import corpora
from gensim.models import LdaModel
from konlpy.tag import Komoran
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

seconds = {}
clock = time.perf_counter()


def lap(name):
    global clock
    now = time.perf_counter()
    seconds[name] = round(now - clock, 2)
    clock = now


# %% load
df = pd.read_csv(sys.argv[1])
df["year"] = pd.to_datetime(df["date"]).dt.year
df["text"] = df["title"].fillna("") + " " + df["body"].fillna("")
lap("load")

# %% tokenize
komoran = Komoran()
df["nouns"] = df["text"].apply(lambda text: [n for n in komoran.nouns(text) if len(n) > 1])
lap("tokenize")

# %% frequencies and TF-IDF per year
top_terms = {}
for year, group in df.groupby("year"):
    docs = group["nouns"].apply(" ".join)
    count = CountVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False)
    counts = count.fit_transform(docs)
    freq = pd.Series(counts.sum(axis=0).A1, index=count.get_feature_names_out()).sort_values(ascending=False)
    tfidf = TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False)
    weights = tfidf.fit_transform(docs)
    scores = pd.Series(weights.sum(axis=0).A1, index=tfidf.get_feature_names_out()).sort_values(ascending=False)
    top_terms[year] = (freq.head(30), scores.head(30))
lap("counts")

# %% co-occurrence networks per year (top 40 nouns), centralities
centrality = {}
for year, group in df.groupby("year"):
    nodes = set(top_terms[year][0].head(40).index)
    pairs = Counter()
    for nouns in group["nouns"]:
        for a, b in combinations(sorted(set(nouns) & nodes), 2):
            pairs[(a, b)] += 1
    graph = nx.Graph()
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in pairs.items() if w >= 2)
    centrality[year] = {
        "degree": nx.degree_centrality(graph),
        "betweenness": nx.betweenness_centrality(graph),
        "closeness": nx.closeness_centrality(graph),
        "eigenvector": nx.eigenvector_centrality(graph, max_iter=1000),
    }
lap("network")

# %% one LDA model over all documents
dictionary = corpora.Dictionary(df["nouns"])
dictionary.filter_extremes(no_below=5, no_above=0.5)
bow = [dictionary.doc2bow(nouns) for nouns in df["nouns"]]
lda = LdaModel(bow, num_topics=8, id2word=dictionary, passes=10, random_state=42)
topics = lda.print_topics(num_words=10)
lap("topics")

# %%
print(json.dumps({"seconds": seconds, "total": round(sum(seconds.values()), 2), "documents": len(df)}))
