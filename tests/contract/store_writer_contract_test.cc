// Contract of StoreWriter on every backend: acknowledgement means committed, batching, per-op
// failure isolation, and no acknowledged op lost when the process dies without flushing.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <set>

#include <gtest/gtest.h>

#include "adapters/storage/store_writer.h"
#include "storage_backends.h"

namespace pulse::testing {
namespace {

using storage::SqlDatabase;
using storage::SqlValue;
using storage::StoreWriter;
using storage::StoreWriterOptions;

// An op inserting one health_checks row tagged with `n`.
StoreWriter::Op InsertCheck(std::int64_t n) {
  return [n](SqlDatabase& db) -> Status {
    return db
        .Execute(
            "INSERT INTO health_checks (checked_at, component, status, latency_ms, detail) "
            "VALUES (?, ?, ?, ?, ?)",
            {SqlValue(n), SqlValue("writer-test"), SqlValue("ok"), SqlValue(0.5),
             SqlValue(std::to_string(n))})
        .status();
  };
}

template <typename Backend>
class StoreWriterContractTest : public StorageContractTest<Backend> {
 protected:
  std::unique_ptr<StoreWriter> MakeWriter(StoreWriterOptions options = {}) {
    auto db = storage::OpenDatabase(this->fresh_->url());
    EXPECT_TRUE(db.ok()) << db.status();
    return std::make_unique<StoreWriter>(std::move(db).value(), options);
  }
  std::set<std::int64_t> StoredChecks() {
    std::set<std::int64_t> out;
    auto rows = this->db_->Query("SELECT checked_at FROM health_checks");
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (rows.ok()) {
      for (const auto& row : *rows) out.insert(*row.GetInt64(0));
    }
    return out;
  }
};
TYPED_TEST_SUITE(StoreWriterContractTest, StorageBackends, BackendName);

TYPED_TEST(StoreWriterContractTest, AcknowledgedOpsAreCommittedAndBatched) {
  StoreWriterOptions options;
  options.max_batch_ops = 100;
  options.max_batch_delay = std::chrono::milliseconds(50);
  auto writer = this->MakeWriter(options);
  std::vector<std::future<Status>> acks;
  for (int i = 0; i < 300; ++i) acks.push_back(writer->Submit(InsertCheck(i)));
  for (auto& ack : acks) {
    Status st = ack.get();
    ASSERT_TRUE(st.ok()) << st;
  }
  // Acknowledged: visible to another connection right away.
  EXPECT_EQ(this->StoredChecks().size(), 300u);
  const auto stats = writer->stats();
  EXPECT_EQ(stats.ops_succeeded, 300);
  EXPECT_EQ(stats.ops_failed, 0);
  EXPECT_EQ(stats.fallbacks, 0);
  EXPECT_GE(stats.batches, 3);
  EXPECT_LT(stats.batches, 300);  // grouped, not one transaction per op
}

TYPED_TEST(StoreWriterContractTest, OneBadOpDoesNotLoseTheOthers) {
  StoreWriterOptions options;
  options.max_batch_delay = std::chrono::milliseconds(100);  // all ten land in one batch
  auto writer = this->MakeWriter(options);
  std::vector<std::future<Status>> acks;
  for (int i = 0; i < 10; ++i) {
    if (i == 4) {
      acks.push_back(writer->Submit([](SqlDatabase& db) -> Status {
        return db.Execute("INSERT INTO no_such_table VALUES (1)").status();
      }));
    } else if (i == 7) {
      acks.push_back(writer->Submit([](SqlDatabase&) -> Status {
        return InvalidArgumentError("rejected by the op itself");
      }));
    } else {
      acks.push_back(writer->Submit(InsertCheck(i)));
    }
  }
  for (int i = 0; i < 10; ++i) {
    Status st = acks[i].get();
    if (i == 4) {
      EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition) << st;
    } else if (i == 7) {
      EXPECT_EQ(st, InvalidArgumentError("rejected by the op itself"));
    } else {
      EXPECT_TRUE(st.ok()) << i << ": " << st;
    }
  }
  EXPECT_EQ(this->StoredChecks(), (std::set<std::int64_t>{0, 1, 2, 3, 5, 6, 8, 9}));
  const auto stats = writer->stats();
  EXPECT_EQ(stats.ops_succeeded, 8);
  EXPECT_EQ(stats.ops_failed, 2);
  EXPECT_GE(stats.fallbacks, 1);
}

TYPED_TEST(StoreWriterContractTest, FlushWaitsForCallbacksAndShutdownRejectsNewOps) {
  auto writer = this->MakeWriter();
  std::atomic<int> done{0};
  for (int i = 0; i < 50; ++i) {
    writer->Submit(InsertCheck(i), [&done](const Status& st) {
      EXPECT_TRUE(st.ok()) << st;
      done.fetch_add(1);
    });
  }
  writer->Flush();
  EXPECT_EQ(done.load(), 50);
  EXPECT_EQ(this->StoredChecks().size(), 50u);
  writer->Flush();  // nothing pending: returns at once

  writer->Submit(InsertCheck(1000), [](const Status&) {});
  writer->Shutdown();  // commits what was queued
  EXPECT_EQ(this->StoredChecks().count(1000), 1u);
  auto late = writer->Submit(InsertCheck(1001));
  EXPECT_EQ(late.get().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(this->StoredChecks().count(1001), 0u);
}

TYPED_TEST(StoreWriterContractTest, DestructorCommitsEverythingQueued) {
  {
    StoreWriterOptions options;
    options.max_batch_delay = std::chrono::milliseconds(1000);
    auto writer = this->MakeWriter(options);
    for (int i = 0; i < 25; ++i) writer->Submit(InsertCheck(i), nullptr);
  }
  EXPECT_EQ(this->StoredChecks().size(), 25u);
}

TYPED_TEST(StoreWriterContractTest, NothingAcknowledgedIsLostWhenTheProcessDies) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const std::string url = this->fresh_->url();
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // Child: acknowledge ops over the pipe, then die without flushing or destructing.
    ::close(pipe_fds[0]);
    auto db = storage::OpenDatabase(url);
    if (!db.ok()) ::_exit(2);
    StoreWriterOptions options;
    options.max_batch_ops = 16;
    options.max_batch_delay = std::chrono::milliseconds(1);
    auto* writer = new StoreWriter(std::move(db).value(), options);  // never deleted
    const int fd = pipe_fds[1];
    std::atomic<int> acked{0};
    for (std::int64_t i = 0; i < 400; ++i) {
      writer->Submit(InsertCheck(i), [fd, i, &acked](const Status& st) {
        if (st.ok()) {
          (void)!::write(fd, &i, sizeof(i));
          acked.fetch_add(1);
        }
      });
    }
    while (acked.load() < 200) ::usleep(100);
    // More work in flight, some of it possibly mid-transaction when we die.
    for (std::int64_t i = 400; i < 800; ++i) writer->Submit(InsertCheck(i), nullptr);
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  std::set<std::int64_t> acknowledged;
  std::int64_t value = 0;
  while (::read(pipe_fds[0], &value, sizeof(value)) == static_cast<ssize_t>(sizeof(value))) {
    acknowledged.insert(value);
  }
  ::close(pipe_fds[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  ASSERT_GE(acknowledged.size(), 200u);

  // Reopen from scratch and find every acknowledged row.
  auto reopened = storage::OpenDatabase(url);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  auto rows = (*reopened)->Query("SELECT checked_at FROM health_checks");
  ASSERT_TRUE(rows.ok()) << rows.status();
  std::set<std::int64_t> stored;
  for (const auto& row : *rows) stored.insert(*row.GetInt64(0));
  for (std::int64_t i : acknowledged)
    EXPECT_EQ(stored.count(i), 1u) << "lost acknowledged op " << i;
  EXPECT_EQ(stored.size(), std::set<std::int64_t>(stored.begin(), stored.end()).size());
}

}  // namespace
}  // namespace pulse::testing
