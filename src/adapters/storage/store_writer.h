// StoreWriter: the batching writer thread that takes database writes off the engine thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "adapters/storage/sql_database.h"
#include "core/status.h"

namespace pulse::storage {

struct StoreWriterOptions {
  // A batch (one transaction) holds at most this many ops...
  std::size_t max_batch_ops = 512;
  // ...and waits at most this long after its first op for more to arrive.
  std::chrono::milliseconds max_batch_delay{2};
};

struct StoreWriterStats {
  std::int64_t batches = 0;        // transactions committed with more than zero ops
  std::int64_t ops_succeeded = 0;  // ops whose Status was OK (committed)
  std::int64_t ops_failed = 0;     // ops that reported an error (their writes rolled back)
  std::int64_t fallbacks = 0;      // batches re-run op by op after a failure
};

// Runs write operations on its own thread, grouping whatever is queued into one transaction.
//
// Guarantees: an op's acknowledgement (its future becoming ready, or its callback running)
// comes after its transaction committed, so an acknowledged op survives a crash of this
// process (SQLite synchronous=NORMAL and PostgreSQL both make a commit durable against that).
// Ops run in submission order. When any op of a batch fails, the batch is rolled back and its
// ops re-run one transaction each, so one bad op loses nothing else and every op reports its
// own Status. Ops must therefore be safe to run twice (only their database writes are undone)
// and must use only the SqlDatabase they are given. Errors are not retried here.
//
// Lifecycle: the constructor starts the thread; Shutdown() (or the destructor) commits
// everything submitted so far, then stops the thread; later submissions fail with
// FailedPrecondition.
// Threading: Submit, Flush, Shutdown and stats are thread-safe. Callbacks run on the writer
// thread and must not call Flush or Shutdown.
class StoreWriter {
 public:
  using Op = std::function<Status(SqlDatabase&)>;
  using Callback = std::function<void(const Status&)>;

  explicit StoreWriter(std::unique_ptr<SqlDatabase> db, StoreWriterOptions options = {});
  ~StoreWriter();

  StoreWriter(const StoreWriter&) = delete;
  StoreWriter& operator=(const StoreWriter&) = delete;

  // Queues `op`; the future holds its Status once committed (or failed).
  std::future<Status> Submit(Op op);
  // Queues `op`; `done` runs on the writer thread with its Status once committed (or failed).
  void Submit(Op op, Callback done);
  // Returns when every op submitted before the call has been acknowledged.
  void Flush();
  // Flushes, then stops the thread. Idempotent.
  void Shutdown();

  StoreWriterStats stats() const;

 private:
  struct Pending {
    Op op;
    Callback done;
  };

  void Loop();
  void RunBatch(std::deque<Pending>& batch);

  const StoreWriterOptions options_;
  std::unique_ptr<SqlDatabase> db_;

  mutable std::mutex mu_;
  std::condition_variable work_cv_;  // writer waits for ops
  std::condition_variable done_cv_;  // Flush waits for acknowledgements
  std::deque<Pending> queue_;
  std::chrono::steady_clock::time_point first_queued_at_;
  std::uint64_t submitted_ = 0;
  std::uint64_t completed_ = 0;
  int flush_waiters_ = 0;
  bool stopping_ = false;
  StoreWriterStats stats_;

  std::thread thread_;
};

}  // namespace pulse::storage
