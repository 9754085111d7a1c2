// Catalogue library.
