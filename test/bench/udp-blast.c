/*
 * The capture benchmark's fast load generator: `udp-blast RATE SECONDS PORT SIZE` sends RATE
 * datagrams per second of SIZE bytes to 127.0.0.1:PORT for SECONDS, batched with sendmmsg(2) so
 * that sending costs a fraction of a core (Node's dgram tops out near 100,000/s on this machine
 * and takes a whole core doing it). Bounded: at most RATE * SECONDS datagrams. Prints
 * {"sent":N,"seconds":S}. Built by capture-sender.ts with the system C compiler when there is one.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 5) return 2;
  double rate = atof(argv[1]), seconds = atof(argv[2]);
  int port = atoi(argv[3]), size = atoi(argv[4]);
  long total = (long)(rate * seconds), sent = 0;
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof to) < 0) return 1;
  char payload[2048];
  memset(payload, 'a', sizeof payload);
  struct iovec iov = {.iov_base = payload, .iov_len = size > 2048 ? 2048 : size};
  struct mmsghdr msgs[BATCH];
  memset(msgs, 0, sizeof msgs);
  for (int i = 0; i < BATCH; i++) msgs[i].msg_hdr.msg_iov = &iov, msgs[i].msg_hdr.msg_iovlen = 1;
  double t0 = now();
  while (sent < total) {
    long due = (long)(rate * (now() - t0));
    if (due > total) due = total;
    if (due - sent < BATCH && due < total) {
      usleep(100);
      continue;
    }
    int n = (int)(due - sent < BATCH ? due - sent : BATCH);
    int done = sendmmsg(fd, msgs, n, 0);
    if (done > 0) sent += done;
    if (now() - t0 > seconds + 10) break;
  }
  printf("{\"sent\":%ld,\"seconds\":%.3f}\n", sent, now() - t0);
  return 0;
}
