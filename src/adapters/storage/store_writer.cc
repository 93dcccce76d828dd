#include "adapters/storage/store_writer.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace pulse::storage {

StoreWriter::StoreWriter(std::unique_ptr<SqlDatabase> db, StoreWriterOptions options)
    : options_(options), db_(std::move(db)) {
  thread_ = std::thread([this] { Loop(); });
}

StoreWriter::~StoreWriter() { Shutdown(); }

std::future<Status> StoreWriter::Submit(Op op) {
  auto promise = std::make_shared<std::promise<Status>>();
  std::future<Status> future = promise->get_future();
  Submit(std::move(op), [promise](const Status& status) { promise->set_value(status); });
  return future;
}

void StoreWriter::Submit(Op op, Callback done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      if (queue_.empty()) first_queued_at_ = std::chrono::steady_clock::now();
      queue_.push_back(Pending{std::move(op), std::move(done)});
      ++submitted_;
      if (queue_.size() == 1 || queue_.size() >= options_.max_batch_ops) work_cv_.notify_one();
      return;
    }
  }
  if (done) done(FailedPreconditionError("store writer is shut down"));
}

void StoreWriter::Flush() {
  std::unique_lock<std::mutex> lock(mu_);
  const std::uint64_t target = submitted_;
  ++flush_waiters_;
  work_cv_.notify_one();
  done_cv_.wait(lock, [&] { return completed_ >= target; });
  --flush_waiters_;
}

void StoreWriter::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    work_cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

StoreWriterStats StoreWriter::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

void StoreWriter::Loop() {
  const std::size_t max_ops = std::max<std::size_t>(1, options_.max_batch_ops);
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    work_cv_.wait(lock, [&] { return !queue_.empty() || stopping_; });
    if (queue_.empty()) break;  // stopping and drained
    // Give the batch time to fill, unless someone is waiting or we are stopping.
    const auto deadline = first_queued_at_ + options_.max_batch_delay;
    work_cv_.wait_until(lock, deadline, [&] {
      return queue_.size() >= max_ops || stopping_ || flush_waiters_ > 0;
    });
    std::deque<Pending> batch;
    const std::size_t n = std::min(max_ops, queue_.size());
    for (std::size_t i = 0; i < n; ++i) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    if (!queue_.empty()) first_queued_at_ = std::chrono::steady_clock::now();
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    completed_ += n;
    done_cv_.notify_all();
  }
}

void StoreWriter::RunBatch(std::deque<Pending>& batch) {
  std::vector<Status> results(batch.size());
  const Status batch_status = db_->InTransaction([&](SqlDatabase& db) -> Status {
    for (Pending& p : batch) RETURN_IF_ERROR(p.op(db));
    return Status::Ok();
  });
  bool fallback = false;
  if (batch_status.ok()) {
    // results are all OK already.
  } else if (batch.size() == 1) {
    results[0] = batch_status;
  } else {
    fallback = true;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      results[i] = db_->InTransaction(batch[i].op);
    }
  }
  std::int64_t ok = 0;
  for (const Status& s : results) ok += s.ok() ? 1 : 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (ok > 0) stats_.batches += fallback ? ok : 1;
    stats_.ops_succeeded += ok;
    stats_.ops_failed += static_cast<std::int64_t>(results.size()) - ok;
    stats_.fallbacks += fallback ? 1 : 0;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!batch[i].done) continue;
    try {
      batch[i].done(results[i]);
    } catch (...) {
      // A throwing callback must not take the writer thread down.
    }
  }
}

}  // namespace pulse::storage
