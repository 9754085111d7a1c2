#include "CHeapTuning.h"

#if defined(__GLIBC__)
#include <malloc.h>

int empass_keep_freed_heap(int trim_threshold, int top_pad) {
    return mallopt(M_TRIM_THRESHOLD, trim_threshold) == 1 && mallopt(M_TOP_PAD, top_pad) == 1;
}
#else
int empass_keep_freed_heap(int trim_threshold, int top_pad) {
    (void)trim_threshold; (void)top_pad;
    return 0;
}
#endif
