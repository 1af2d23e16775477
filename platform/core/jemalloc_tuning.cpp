// Linked into the server binaries with jemalloc (cmake: product_allocator); jemalloc reads this
// symbol at start-up, before MALLOC_CONF from the environment (which still overrides it).
//
// thp:always backs jemalloc's extents with transparent huge pages (madvise; the kernel's default
// mode here is "madvise", so nothing else gets huge pages). A growing in-memory event (holds,
// orders, idempotency keys, SQLite's page cache) otherwise takes a 4 KiB page fault every few
// requests, and a fault costs ~12 us on a virtual machine. Measured on the reservation path:
// page faults during a 4 s saturated run 24,000 -> 3,900, reservations/s +5-10 % (interleaved
// pairs; docs/performance.md). The price is resident memory rounded up to 2 MiB per extent.
extern "C" {
// NOLINTNEXTLINE: the name and type are jemalloc's interface
const char* malloc_conf = "thp:always,metadata_thp:always";
}
