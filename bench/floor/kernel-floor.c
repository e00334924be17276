/*
 * The kernel's own cost of two single-attribute operations, measured from C with raw netlink:
 * what no user-space implementation, in any language, can go below. bench/run kernel builds it
 * (when a C compiler is present) and runs it inside its throw-away namespace, beside Junction.
 *
 * Usage: kernel-floor REPS. Per repetition, as bench/run kernel does it: a fresh veth pair (also
 * made with raw netlink, not timed), then RTM_NEWLINK setting it up and RTM_NEWADDR adding its
 * first IPv4 address, each timed from send to acknowledgement. Prints "link_up MEDIAN_NS P95_NS"
 * and "addr_add MEDIAN_NS P95_NS".
 */
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int compare(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return (x > y) - (x < y);
}

static void report(const char *op, long long *samples, int n) {
  qsort(samples, n, sizeof *samples, compare);
  printf("%s %lld %lld\n", op, samples[n / 2], samples[(n * 95 + 99) / 100 - 1]);
}

/* Sends one request and waits for its acknowledgement; exits on an error. */
static long long exchange(int fd, struct nlmsghdr *request) {
  char reply[8192];
  long long start = now_ns();
  if (send(fd, request, request->nlmsg_len, 0) < 0) {
    perror("send");
    exit(1);
  }
  if (recv(fd, reply, sizeof reply, 0) < 0) {
    perror("recv");
    exit(1);
  }
  long long elapsed = now_ns() - start;
  struct nlmsgerr *error = NLMSG_DATA((struct nlmsghdr *)reply);
  if (error->error != 0) {
    fprintf(stderr, "netlink error %d\n", error->error);
    exit(1);
  }
  return elapsed;
}

/* Appends an attribute to a message held in a buffer of at least 512 bytes. */
static struct rtattr *put(struct nlmsghdr *message, int type, const void *data, int length) {
  struct rtattr *attribute = (struct rtattr *)((char *)message + NLMSG_ALIGN(message->nlmsg_len));
  attribute->rta_type = type;
  attribute->rta_len = RTA_LENGTH(length);
  if (length > 0) {
    memcpy(RTA_DATA(attribute), data, length);
  }
  message->nlmsg_len = NLMSG_ALIGN(message->nlmsg_len) + RTA_ALIGN(attribute->rta_len);
  return attribute;
}

static void end_nest(struct nlmsghdr *message, struct rtattr *nest) {
  nest->rta_len = (char *)message + message->nlmsg_len - (char *)nest;
}

/* ip link add NAME type veth peer name PEER, over netlink. */
static void add_veth(int fd, const char *name, const char *peer, int sequence) {
  union {
    struct nlmsghdr header;
    char bytes[512];
  } request = {0};
  struct nlmsghdr *message = &request.header;
  message->nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
  message->nlmsg_type = RTM_NEWLINK;
  message->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  message->nlmsg_seq = sequence;
  put(message, IFLA_IFNAME, name, strlen(name) + 1);
  struct rtattr *info = put(message, IFLA_LINKINFO, NULL, 0);
  put(message, IFLA_INFO_KIND, "veth", 5);
  struct rtattr *data = put(message, IFLA_INFO_DATA, NULL, 0);
  struct rtattr *peer_info = put(message, 1 /* VETH_INFO_PEER */, NULL, sizeof(struct ifinfomsg));
  memset(RTA_DATA(peer_info), 0, sizeof(struct ifinfomsg));
  put(message, IFLA_IFNAME, peer, strlen(peer) + 1);
  end_nest(message, peer_info);
  end_nest(message, data);
  end_nest(message, info);
  exchange(fd, message);
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 200;
  long long *up = calloc(reps, sizeof *up);
  long long *addr = calloc(reps, sizeof *addr);
  int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  struct sockaddr_nl local = {.nl_family = AF_NETLINK};
  if (fd < 0 || bind(fd, (struct sockaddr *)&local, sizeof local) < 0) {
    perror("netlink socket");
    return 1;
  }
  for (int i = 0; i < reps; i++) {
    char name[IF_NAMESIZE], peer[IF_NAMESIZE];
    snprintf(name, sizeof name, "f%d", i);
    snprintf(peer, sizeof peer, "fp%d", i);
    add_veth(fd, name, peer, 3 * i + 3);
    int index = (int)if_nametoindex(name);

    struct {
      struct nlmsghdr header;
      struct ifinfomsg link;
    } set_up = {0};
    set_up.header.nlmsg_len = sizeof set_up;
    set_up.header.nlmsg_type = RTM_NEWLINK;
    set_up.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    set_up.header.nlmsg_seq = 3 * i + 1;
    set_up.link.ifi_index = index;
    set_up.link.ifi_flags = IFF_UP;
    set_up.link.ifi_change = IFF_UP;
    up[i] = exchange(fd, &set_up.header);

    struct {
      struct nlmsghdr header;
      struct ifaddrmsg address;
      struct rtattr local_attribute;
      struct in_addr local;
      struct rtattr address_attribute;
      struct in_addr peer;
    } add = {0};
    add.header.nlmsg_len = sizeof add;
    add.header.nlmsg_type = RTM_NEWADDR;
    add.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
    add.header.nlmsg_seq = 3 * i + 2;
    add.address.ifa_family = AF_INET;
    add.address.ifa_prefixlen = 24;
    add.address.ifa_index = index;
    add.local_attribute.rta_type = IFA_LOCAL;
    add.local_attribute.rta_len = RTA_LENGTH(sizeof(struct in_addr));
    add.local.s_addr = htonl(0x0a000001 | (i / 250) << 16 | (i % 250) << 8);
    add.address_attribute.rta_type = IFA_ADDRESS;
    add.address_attribute.rta_len = RTA_LENGTH(sizeof(struct in_addr));
    add.peer = add.local;
    addr[i] = exchange(fd, &add.header);
  }
  report("link_up", up, reps);
  report("addr_add", addr, reps);
  return 0;
}
