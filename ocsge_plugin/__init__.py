"""Domain core of the OCS GE plugin: nomenclature, rules, reading, computing, export."""
