"""Musrenbang Terbuka: static transparency sites for musrenbang records."""
