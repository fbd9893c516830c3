"""The rules: the OCS GE nomenclature and the décret's couverture × usage matrix."""
