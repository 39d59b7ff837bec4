"""The shared base every stage stands on: the data model, the project's error, pattern loading (the
data of patterns/), label shapes, unit names, word segmentation and atomic file writing. It imports no
stage, so any stage may import it."""
