#!/usr/bin/env python3
"""Word-vector clusters for the NER tagger, trained offline (the runtime stays Rust).

    ./target/release/marsad train clusters \
        --tokens ../shared/data/ner/wikifane/wikifane-gold-500k.tsv \
        --tokens ../shared/data/ner/wojood-sample/train.txt --dump-stems /tmp/stems.txt
    python3 tools/ner_embeddings.py /tmp/stems.txt data/models/clusters.tsv \
        data/models/clusters-w2v.tsv

The stems (the ANT corpus, WikiFANE and the Wojood sample; never ANERcorp, so no
held-out fold's text) train skip-gram vectors (gensim word2vec, one worker and a fixed
seed); the vectors, L2-normalized, are k-means clustered at several granularities. The
output is the clusters file the tagger reads with the word-vector clusters after the
existing ones: `stem<TAB>id…<TAB>id…`, `-` where a word has no cluster in one of the two.
"""

import sys

import numpy as np
from gensim.models import Word2Vec
from sklearn.cluster import MiniBatchKMeans

GRANULARITIES = [64, 256, 1024]


def main():
    stems_path, old_path, out_path = sys.argv[1:4]
    sentences = [line.split() for line in open(stems_path, encoding="utf-8")]
    model = Word2Vec(
        sentences,
        vector_size=100,
        window=5,
        min_count=3,
        sg=1,
        negative=10,
        epochs=5,
        workers=1,
        seed=7,
    )
    words = model.wv.index_to_key
    vectors = model.wv.vectors / np.linalg.norm(model.wv.vectors, axis=1, keepdims=True)
    ids = []
    for k in GRANULARITIES:
        km = MiniBatchKMeans(n_clusters=k, random_state=7, batch_size=4096, n_init=3)
        ids.append(km.fit_predict(vectors))
    new = {w: [str(ids[g][i]) for g in range(len(GRANULARITIES))] for i, w in enumerate(words)}
    old = {}
    width = 0
    for line in open(old_path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        old[parts[0]] = parts[1:]
        width = max(width, len(parts) - 1)
    rows = []
    for w in sorted(set(old) | set(new)):
        a = old.get(w, ["-"] * width)
        b = new.get(w, ["-"] * len(GRANULARITIES))
        rows.append("\t".join([w] + a + b))
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print(f"{len(words)} words with vectors, {len(old)} clustered before, {len(rows)} rows → {out_path}")


if __name__ == "__main__":
    main()
