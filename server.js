// Production entry point: `node server.js` after `npm run build`.
//
// Why not adapter-node's own build/index.js? adapter-node 6 takes the public origin only at build time
// and otherwise assumes https, so on plain http (npm start on a laptop, a test server) every form POST
// would fail SvelteKit's CSRF origin check. Here the origin is decided at run time:
//   - ORIGIN set (https://teilhabe.example.de): every request is treated as coming to that origin;
//   - PROTOCOL_HEADER set (behind a TLS proxy, e.g. x-forwarded-proto): adapter-node reads it;
//   - neither: this process serves plain http, and says so.
// It also shuts down gracefully on SIGTERM/SIGINT: stop accepting, finish open requests, close the database.
import http from 'node:http';

const ORIGIN = process.env.ORIGIN ? new URL(process.env.ORIGIN) : null;
const INTERNAL_PROTOCOL_HEADER = 'x-teilhabe-protocol';
const operatorProtocolHeader = process.env.PROTOCOL_HEADER;
if (!operatorProtocolHeader) process.env.PROTOCOL_HEADER = INTERNAL_PROTOCOL_HEADER;
// Boundary files (GeoJSON) and later spreadsheets are larger than adapter-node's 512 KB default.
process.env.BODY_SIZE_LIMIT ||= '25M';

const { handler } = await import('./build/handler.js');

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT ?? 30) * 1000;

const server = http.createServer((req, res) => {
	if (ORIGIN) {
		if (!operatorProtocolHeader) req.headers[INTERNAL_PROTOCOL_HEADER] = ORIGIN.protocol.replace(':', '');
		req.headers.host = ORIGIN.host;
	} else if (!operatorProtocolHeader) {
		req.headers[INTERNAL_PROTOCOL_HEADER] = 'http';
	}
	handler(req, res);
});

server.listen({ port, host }, () => {
	console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'listening', url: ORIGIN?.href ?? `http://localhost:${port}`, host, port }));
});

let stopping = false;
function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'stopping', signal }));
	const force = setTimeout(() => process.exit(1), shutdownTimeoutMs);
	force.unref();
	server.close(() => {
		// hooks.server.ts closes the database on this event.
		process.emit('sveltekit:shutdown', signal);
		setTimeout(() => process.exit(0), 200).unref();
	});
	server.closeIdleConnections();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
