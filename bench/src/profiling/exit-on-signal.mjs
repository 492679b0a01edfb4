// Loaded into a profiled server (`node --cpu-prof --import …`): exit normally on SIGTERM, so that
// Node writes the CPU profile (it does not when a signal ends the process).
process.once('SIGTERM', () => process.exit(0))
