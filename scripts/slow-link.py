#!/usr/bin/python3
"""A slow, lossy link where the kernel has no netem: holds each packet of an NFQUEUE queue for a fixed delay,
then lets it through, and drops a share of them at random, like `tc qdisc ... netem delay D loss L%`.

    slow-link.py QUEUE DELAY_MS LOSS_PERCENT

Run it in the network namespace whose packets go to QUEUE (iptables-legacy ... -j NFQUEUE --queue-num QUEUE
--queue-bypass); it ends on SIGTERM or SIGINT, and packets then pass unqueued again once the rule is gone.
Plain netlink (NETLINK_NETFILTER, nfnetlink_queue), no library: Debian's python3 alone. It prints one line a
second while packets pass: how many were delayed and dropped.
"""
import heapq
import os
import random
import select
import signal
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET, NFQNL_MSG_VERDICT, NFQNL_MSG_CONFIG = 0, 1, 2
NFQNL_CFG_CMD_BIND = 1
NFQA_CFG_CMD, NFQA_CFG_PARAMS, NFQA_CFG_QUEUE_MAXLEN, NFQA_CFG_MASK, NFQA_CFG_FLAGS = 1, 2, 3, 4, 5
NFQA_CFG_F_FAIL_OPEN = 1
NFQA_PACKET_HDR, NFQA_VERDICT_HDR = 1, 2
NFQNL_COPY_META = 1
NF_DROP, NF_ACCEPT = 0, 1
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2


def attr(kind, data):
    length = 4 + len(data)
    return struct.pack("=HH", length, kind) + data + b"\0" * ((4 - length % 4) % 4)


def message(msg, queue, attrs, flags=NLM_F_REQUEST, seq=0):
    body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue)) + b"".join(attrs)
    return struct.pack("=IHHII", 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | msg, flags, seq, 0) + body


def verdict(queue, packet, accept):
    return message(NFQNL_MSG_VERDICT, queue, [attr(NFQA_VERDICT_HDR, struct.pack(">II", NF_ACCEPT if accept else NF_DROP, packet))])


def config(sock, queue, attrs, seq):
    """Sends one setting and waits for its acknowledgement. The rules that queue packets are in before this
    program binds the queue, so packets may come first: each is let through at once, never left without a
    verdict."""
    sock.send(message(NFQNL_MSG_CONFIG, queue, attrs, NLM_F_REQUEST | NLM_F_ACK, seq))
    while True:
        buffer = sock.recv(1 << 20)
        for packet in packets(buffer):
            sock.send(verdict(queue, packet, True))
        offset = 0
        while offset + 16 <= len(buffer):
            length, kind, _, reply_seq = struct.unpack_from("=IHHI", buffer, offset)
            if length < 16:
                break
            if kind == NLMSG_ERROR and reply_seq == seq:
                error = struct.unpack_from("=i", buffer, offset + 16)[0]
                if error != 0:
                    raise OSError(-error, os.strerror(-error))
                return
            offset += (length + 3) & ~3


def packets(buffer):
    """The packet ids in one receive: each NFQNL_MSG_PACKET's NFQA_PACKET_HDR."""
    offset = 0
    while offset + 16 <= len(buffer):
        length, kind = struct.unpack_from("=IH", buffer, offset)
        if length < 16:
            break
        if kind == (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
            at = offset + 20  # nlmsghdr, nfgenmsg
            while at + 4 <= offset + length:
                attr_len, attr_type = struct.unpack_from("=HH", buffer, at)
                if attr_len < 4:
                    break
                if attr_type & 0x7FFF == NFQA_PACKET_HDR:
                    yield struct.unpack_from(">I", buffer, at + 4)[0]
                at += (attr_len + 3) & ~3
        offset += (length + 3) & ~3


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    queue, delay, loss = int(sys.argv[1]), float(sys.argv[2]) / 1000, float(sys.argv[3]) / 100
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    sock.bind((0, 0))
    config(sock, queue, [attr(NFQA_CFG_CMD, struct.pack(">BBH", NFQNL_CFG_CMD_BIND, 0, socket.AF_INET))], 1)
    config(sock, queue, [attr(NFQA_CFG_PARAMS, struct.pack(">IB", 0, NFQNL_COPY_META))], 2)
    config(sock, queue, [attr(NFQA_CFG_QUEUE_MAXLEN, struct.pack(">I", 65536))], 3)
    # Should this program ever fall behind, the kernel lets packets through rather than dropping them.
    config(sock, queue, [attr(NFQA_CFG_MASK, struct.pack(">I", NFQA_CFG_F_FAIL_OPEN)),
                         attr(NFQA_CFG_FLAGS, struct.pack(">I", NFQA_CFG_F_FAIL_OPEN))], 4)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    print(f"slow-link: queue {queue}: every packet held {delay * 1000:.0f} ms, {loss * 100:.0f} % dropped", flush=True)
    held = []  # (due, packet id), in order of due time
    delayed = dropped = 0
    said = time.monotonic()
    while not stop:
        now = time.monotonic()
        while held and held[0][0] <= now:
            _, packet = heapq.heappop(held)
            sock.send(verdict(queue, packet, True))
        timeout = max(0.0, held[0][0] - now) if held else 1.0
        try:
            ready, _, _ = select.select([sock], [], [], timeout)
        except InterruptedError:
            continue
        if ready:
            buffer = sock.recv(1 << 20)
            due = time.monotonic() + delay
            for packet in packets(buffer):
                if random.random() < loss:
                    sock.send(verdict(queue, packet, False))
                    dropped += 1
                else:
                    heapq.heappush(held, (due, packet))
                    delayed += 1
        if time.monotonic() - said >= 1 and (delayed or dropped):
            print(f"slow-link: {delayed} delayed, {dropped} dropped", flush=True)
            said = time.monotonic()
    # Let through whatever is still held.
    for _, packet in held:
        sock.send(verdict(queue, packet, True))
    print(f"slow-link: stopped; {delayed} delayed, {dropped} dropped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
