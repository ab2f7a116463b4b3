/* cli_pcap.c - one connection recorded on a real socket (connect, serve)
 * written to a --write-pcap capture: its key log lines first (Wireshark
 * applies a Decryption Secrets Block to the packets after it), then the
 * TCP connection with what crossed, flight by flight, on its real IPv4 or
 * IPv6 addresses (127.0.0.1 should an address not read as either).
 * Command-line code. */
#include <string.h>
#include "cli.h"

static pcapngw_endpoint_t cli_pcap_endpoint(const char *ip, uint16_t port)
{
	pcapngw_endpoint_t e;

	if (!pcapngw_endpoint_parse(ip, port, &e))
		e = (pcapngw_endpoint_t){ .ip = PCAPNGW_LOCALHOST, .port = port };
	return e;
}

err_t cli_pcap_flow(pcapngw_t *w, const char *client_ip, uint16_t client_port, const char *server_ip,
		    uint16_t server_port, const net_chunk_t *chunks, size_t n, const buf_t *keylog)
{
	pcapngw_endpoint_t client = cli_pcap_endpoint(client_ip, client_port);
	pcapngw_endpoint_t server = cli_pcap_endpoint(server_ip, server_port);
	double t0 = n ? chunks[0].time : 0;
	size_t i;
	err_t e;

	if (client.v6 != server.v6) {   /* a v4-mapped peer: both as 127.0.0.1 */
		client = (pcapngw_endpoint_t){ .ip = PCAPNGW_LOCALHOST, .port = client_port };
		server = (pcapngw_endpoint_t){ .ip = PCAPNGW_LOCALHOST, .port = server_port };
	}
	if (client.port == server.port &&
	    (client.v6 ? memcmp(client.ip6, server.ip6, 16) == 0 : client.ip == server.ip))
		server.port++;
	e = pcapngw_secrets(w, keylog->ptr, keylog->len);
	if (e == ERR_OK)
		e = pcapngw_tcp_open(w, client, server, t0);
	for (i = 0; e == ERR_OK && i < n; i++)
		e = pcapngw_tcp_data(w, chunks[i].sender, chunks[i].bytes.ptr, chunks[i].bytes.len, chunks[i].time);
	if (e == ERR_OK)
		e = pcapngw_tcp_close(w, n ? chunks[n - 1].time : t0);
	return e;
}
