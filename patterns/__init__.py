"""Pattern data files; installed as extractor.patterns so the package finds them wherever it is."""
