#ifndef CHEAPTUNING_H
#define CHEAPTUNING_H

/// glibc's malloc tuning, which Swift's Glibc module does not expose (malloc.h is not part of it).
/// Returns 1 when both settings were accepted, 0 otherwise or off glibc.
int empass_keep_freed_heap(int trim_threshold, int top_pad);

#endif
