"""Schema migrations: ``NNNN_name.sql`` files applied in numeric order, once each."""
