# net_lib.sh - loopback ports for the tests that run servers (connect.sh,
# serve.sh).  Sourced.
#   free_port          prints a port free on both 127.0.0.1 and ::1, as
#                      the kernel hands them out (no fixed range to clash
#                      with another test run)
#   wait_port HOST PORT [TRIES]
#                      waits until something accepts connections there,
#                      TRIES tenths of a second at most (default 50);
#                      status 1 if nothing did

free_port() {
	python3 - <<'PY'
import socket
while True:
    v4 = socket.socket(socket.AF_INET)
    v4.bind(("127.0.0.1", 0))
    port = v4.getsockname()[1]
    v6 = socket.socket(socket.AF_INET6)
    try:
        v6.bind(("::1", port))
    except OSError:
        continue
    print(port)
    break
PY
}

wait_port() {
	i=0
	while [ $i -lt "${3:-50}" ]; do
		python3 -c 'import socket,sys; socket.create_connection((sys.argv[1],int(sys.argv[2])),1).close()' "$1" "$2" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
