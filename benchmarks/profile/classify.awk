# Groups perf self-time samples by component: ./ingest bench profile pipes "perf report --no-children --sort dso,sym -g none" through it.
# Input: perf report --no-children --sort dso,sym -g none --stdio lines "  12.34%  dso  [x] symbol"
/^ +[0-9.]+%/ {
  pct = $1; sub(/%/, "", pct); line = $0
  if (line ~ /\[kernel\.kallsyms\]/) {
    if (line ~ /finish_task_switch|schedule|sched_yield|futex|_raw_spin_unlock_irq|try_to_wake_up|pick_next|update_curr|enqueue_|dequeue_|switch_|wake_up|rseq/) b = "kernel: scheduling and wake-ups (context switches, futex, sched_yield)"
    else if (line ~ /tcp_|sock|inet|ip_|skb|epoll|_copy_|net_|loopback|__dev|ep_|sys_recv|sys_send|sendmsg|recvmsg|nf_|__netif|validate_xmit|release_sock|lock_sock/) b = "kernel: loopback TCP, sockets and epoll"
    else b = "kernel: other (syscall entry/exit, memory, timers)"
  } else if (line ~ /\[JIT\]|\.dll/) {
    # "<return type> [Assembly] Namespace.Type::Method": the method's assembly is the last "[X] " before "::".
    head = line; sub(/^.*\[\.\] /, "", head); cut = index(head, "::"); if (cut > 0) head = substr(head, 1, cut)
    a = "?"; rest = head
    while (match(rest, /\[[A-Za-z0-9_.]+\] /)) { a = substr(rest, RSTART + 1, RLENGTH - 3); rest = substr(rest, RSTART + RLENGTH) }
    if (a ~ /^Ingestion/) b = "managed: Ingestion (our code)"
    else if (a ~ /Kestrel|AspNetCore\.Server/) b = "managed: Kestrel (HTTP server)"
    else if (a ~ /AspNetCore/) b = "managed: ASP.NET Core (routing, middleware, results, rate limiting)"
    else if (a ~ /System\.Text\.Json/) b = "managed: System.Text.Json"
    else if (a ~ /Confluent/) b = "managed: Confluent.Kafka"
    else if (a ~ /Polly/) b = "managed: Polly"
    else if (a ~ /OpenTelemetry|Diagnostics/) b = "managed: OpenTelemetry and diagnostics"
    else if (a ~ /MassTransit/) b = "managed: MassTransit"
    else if (a ~ /Npgsql/) b = "managed: Npgsql"
    else if (a ~ /EntityFramework/) b = "managed: EF Core"
    else if (a ~ /Logging/) b = "managed: logging"
    else if (a ~ /System\.Private\.CoreLib|System\.Runtime|System\.Threading|System\.Collections|System\.Linq|System\.Memory/) b = "managed: BCL (tasks, thread pool, collections, strings)"
    else if (a ~ /System\.Net/) b = "managed: System.Net (sockets, pipelines)"
    else b = "managed: other (" a ")"
  } else if (line ~ /libcoreclr/) b = "runtime: libcoreclr (GC, allocation, stubs, type checks)"
  else if (line ~ /libclrjit/) b = "runtime: JIT compiler (tiering)"
  else if (line ~ /librdkafka/) b = "native: librdkafka"
  else if (line ~ /libc\.so|ld-linux|vdso|libSystem|libpthread/) b = "native: libc (malloc, memset, memcpy, locks)"
  else b = "other"
  share[b] += pct
}
END { for (b in share) printf "%6.1f%%  %s\n", share[b], b }
