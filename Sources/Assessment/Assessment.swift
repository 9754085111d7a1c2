// Assessment library.
