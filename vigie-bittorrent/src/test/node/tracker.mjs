// npm's bittorrent-tracker on loopback for BittorrentInteropIT: HTTP and UDP on the given ports,
// no WebSocket. Imports the server alone: the package's client needs WebRTC (node-datachannel),
// whose native build is not wanted here (npm ci --ignore-scripts).
// Usage: node tracker.mjs HTTP_PORT UDP_PORT ; prints "listening http=<port> udp=<port>" when ready.
import Server from 'bittorrent-tracker/server'

const [httpPort, udpPort] = process.argv.slice(2).map(Number)
const server = new Server({ http: true, udp: true, ws: false, stats: false, trustProxy: false })
server.on('error', (err) => { console.error('tracker error: ' + err.message); process.exit(1) })
server.on('warning', (err) => console.error('tracker warning: ' + err.message))
server.on('listening', () => {
  console.log(`listening http=${server.http.address().port} udp=${server.udp4.address().port}`)
})
server.listen({ http: httpPort, udp: udpPort }, { http: '127.0.0.1', udp: '127.0.0.1', udp6: '::1' })
process.on('SIGTERM', () => server.close(() => process.exit(0)))
