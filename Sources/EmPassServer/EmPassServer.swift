// The Hummingbird application lives here.
