// Contract of RunStore (ports/run_store.h) on every backend: runs and their checkpoints, the
// ids of a run's signals, and the queue of manual controller commands.
#include <gtest/gtest.h>

#include "adapters/storage/sql_run_store.h"
#include "adapters/storage/sql_signal_store.h"
#include "storage_backends.h"

namespace pulse::testing {
namespace {

using storage::SqlRunStore;
using storage::SqlSignalStore;

constexpr UnixNanos kT0 = FromSeconds(1'700'000'000);

Signal SignalFrom(std::string source) {
  Signal s;
  s.symbol = "BTCUSDT";
  s.entry_price = 100;
  s.stop_loss = 95;
  s.take_profit = 110;
  s.source = std::move(source);
  s.created_at = kT0;
  return s;
}

template <typename Backend>
class RunStoreContractTest : public StorageContractTest<Backend> {};
TYPED_TEST_SUITE(RunStoreContractTest, StorageBackends, BackendName);

TYPED_TEST(RunStoreContractTest, CreatesFindsAndSavesProgress) {
  SqlRunStore store(*this->db_);
  auto none = store.FindRun("default");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_FALSE(none->has_value());
  RunRecord run;
  run.name = "default";
  run.fingerprint = "abc123";
  run.signals_before = 7;
  run.updated_at = kT0;
  ASSERT_TRUE(store.CreateRun(run).ok());
  auto found = store.FindRun("default");
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, run);

  run.first_close = kT0 + 300;
  run.checkpoint_close = kT0 + 900;
  run.bar_closes = 3;
  run.bars = 9;
  run.bars_hash = "00ff";
  run.finished = true;
  run.updated_at = kT0 + 900;
  const RunRecord created = **found;
  ASSERT_TRUE(store.SaveProgress(run, created).ok());
  found = store.FindRun("default");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ(**found, run);

  // A second writer that read the run before that save may not save over it.
  RunRecord late = run;
  late.bar_closes = 2;
  late.bars_hash = "0aaa";
  Status moved_on = store.SaveProgress(late, created);
  EXPECT_EQ(moved_on.code(), StatusCode::kFailedPrecondition) << moved_on;
  EXPECT_NE(moved_on.message().find("run 'default' was moved on by another writer meanwhile (it "
                                    "is at 3 bar closes, hash 00ff"),
            std::string::npos)
      << moved_on;
  found = store.FindRun("default");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ(**found, run);

  Status again = store.CreateRun(run);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists) << again;
  RunRecord other = run;
  other.name = "other";
  EXPECT_EQ(store.SaveProgress(other, run).code(), StatusCode::kNotFound);
  other.name = "";
  EXPECT_EQ(store.CreateRun(other).code(), StatusCode::kInvalidArgument);
}

TYPED_TEST(RunStoreContractTest, ListsThePipelineSignalsAboveAnId) {
  SqlRunStore runs(*this->db_);
  SqlSignalStore signals(*this->db_);
  auto empty = runs.MaxSignalId();
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(*empty, 0);
  std::vector<SignalId> ids;
  for (const char* source : {"ensemble", "manual", "theory:rsi_reversal", "ensemble"}) {
    auto id = signals.AddSignal(SignalFrom(source));
    ASSERT_TRUE(id.ok()) << id.status();
    ids.push_back(*id);
  }
  auto max = runs.MaxSignalId();
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(*max, ids.back());
  auto after_first = runs.PipelineSignalIdsAfter(ids[0]);
  ASSERT_TRUE(after_first.ok()) << after_first.status();
  EXPECT_EQ(*after_first, (std::vector<SignalId>{ids[2], ids[3]}));  // not the manual one
  auto all = runs.PipelineSignalIdsAfter(0);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, (std::vector<SignalId>{ids[0], ids[2], ids[3]}));
}

TYPED_TEST(RunStoreContractTest, QueuesAndAppliesCommandsOnce) {
  SqlRunStore store(*this->db_);
  ControllerCommand pause;
  pause.requested_at = kT0;
  pause.kind = ControllerCommandKind::kPause;
  pause.requested_by = "cli";
  pause.note = "news at 14:00 'FOMC'";
  ControllerCommand resume;
  resume.requested_at = kT0 + 5;
  resume.kind = ControllerCommandKind::kResume;
  resume.acknowledge_red = true;
  auto p = store.RequestCommand(pause);
  auto r = store.RequestCommand(resume);
  ASSERT_TRUE(p.ok() && r.ok());
  EXPECT_GT(*r, *p);
  auto pending = store.PendingCommands();
  ASSERT_TRUE(pending.ok()) << pending.status();
  ASSERT_EQ(pending->size(), 2u);
  pause.id = *p;
  resume.id = *r;
  EXPECT_EQ(pending->at(0), pause);
  EXPECT_EQ(pending->at(1), resume);

  ASSERT_TRUE(store.MarkApplied(*r, "default", kT0 + 600).ok());
  ASSERT_TRUE(store.MarkApplied(*p, "default", kT0 + 300).ok());
  EXPECT_EQ(store.MarkApplied(*p, "default", kT0 + 900).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store.MarkApplied(*r + 100, "default", kT0).code(), StatusCode::kNotFound);
  pending = store.PendingCommands();
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());
  auto applied = store.AppliedCommands("default");
  ASSERT_TRUE(applied.ok()) << applied.status();
  ASSERT_EQ(applied->size(), 2u);
  EXPECT_EQ(applied->at(0).kind, ControllerCommandKind::kPause);  // in applied order
  EXPECT_EQ(applied->at(0).applied_close, kT0 + 300);
  EXPECT_EQ(applied->at(0).run_name, "default");
  EXPECT_EQ(applied->at(1).kind, ControllerCommandKind::kResume);
  EXPECT_TRUE(applied->at(1).acknowledge_red);
  auto other = store.AppliedCommands("other");
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());

  ControllerCommand done = pause;
  done.applied_close = kT0;
  EXPECT_EQ(store.RequestCommand(done).status().code(), StatusCode::kInvalidArgument);
}

TYPED_TEST(RunStoreContractTest, UnknownCommandIsRefusedByTheSchema) {
  auto inserted = this->db_->Execute(
      "INSERT INTO controller_commands (requested_at, command) VALUES (?, 'panic')",
      {storage::SqlValue(kT0)});
  EXPECT_FALSE(inserted.ok());
}

}  // namespace
}  // namespace pulse::testing
