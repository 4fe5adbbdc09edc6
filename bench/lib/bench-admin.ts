/** The administrator the benchmark app servers create on their fresh database. */
export const BENCH_ADMIN_EMAIL = 'admin@bench.local';
export const BENCH_ADMIN_PASSWORD = 'bench-password-1';
