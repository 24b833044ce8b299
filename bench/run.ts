// Benchmark entry point. The foundation has no benchmark yet (see bench/README.md); say so plainly
// instead of printing made-up figures.
console.log('No benchmarks yet: they arrive with the assessment issue (see bench/README.md).');
