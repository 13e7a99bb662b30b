/**
 * What cli.ts prints on stdout once it answers queries, in full
 * `Dev DNS ready udp=127.0.0.1:<port> tcp=127.0.0.1:<port>`; `npm run dev`
 * waits for it before it starts the backend.
 */
export const READY_LINE_PREFIX = "Dev DNS ready";
