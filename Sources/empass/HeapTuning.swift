import CHeapTuning

/// glibc returns the top of the heap to the kernel whenever more than 128 KiB is free there. Every
/// credential signed or verified builds and frees a few hundred KiB of short-lived values, so with
/// the default each one paid again for the page faults of growing the heap back (about a tenth of
/// the CPU time of a sign, measured with `perf stat -e page-faults`: 34 faults per operation, 1
/// with this). The long-running commands keep up to 64 MiB of free heap instead, and grow it
/// 16 MiB at a time.
enum HeapTuning {
    static func keepFreedHeap() {
        _ = empass_keep_freed_heap(64 << 20, 16 << 20)
    }
}
