"""Pattern data files; installed as extractor.pattern_data so the package finds them wherever it is."""
