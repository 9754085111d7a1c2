// Repository protocols and the SQL implementation live here.
