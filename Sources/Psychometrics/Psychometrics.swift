// IRT models, calibration, scoring and adaptive testing live here.
