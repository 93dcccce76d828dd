// XgboostTrainer and XgboostModel together: models trained here, saved as JSON and UBJ, loaded
// back, and checked against an evaluation that walks the trees of the saved JSON directly.
#include "adapters/inference/xgboost_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "adapters/inference/testing/synthetic_data.h"
#include "adapters/inference/testing/temp_dir.h"
#include "adapters/inference/testing/test_manifest.h"
#include "adapters/inference/xgboost_trainer.h"

namespace pulse::inference {
namespace {

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// An independent evaluation of a binary:logistic model saved as XGBoost JSON: for each tree,
// walk from the root (value < split_condition goes left, NaN follows default_left), add the
// leaf values to the margin logit(base_score), and apply the sigmoid.
class JsonTreeEvaluator {
 public:
  explicit JsonTreeEvaluator(const std::string& json_path) {
    const auto model = nlohmann::json::parse(ReadBytes(json_path));
    const auto& learner = model.at("learner");
    const double base_score =
        std::stod(learner.at("learner_model_param").at("base_score").get<std::string>());
    base_margin_ = std::log(base_score / (1 - base_score));
    for (const auto& tree : learner.at("gradient_booster").at("model").at("trees")) {
      Tree t;
      t.left = tree.at("left_children").get<std::vector<int>>();
      t.right = tree.at("right_children").get<std::vector<int>>();
      t.feature = tree.at("split_indices").get<std::vector<int>>();
      t.threshold = tree.at("split_conditions").get<std::vector<double>>();
      for (const auto& d : tree.at("default_left")) {
        t.default_left.push_back(d.is_boolean() ? d.get<bool>() : d.get<int>() != 0);
      }
      trees_.push_back(std::move(t));
    }
  }

  std::size_t tree_count() const { return trees_.size(); }

  double Probability(const double* row) const {
    double margin = base_margin_;
    for (const Tree& t : trees_) {
      int node = 0;
      while (t.left[node] != -1) {
        // XGBoost compares in single precision.
        const float x = static_cast<float>(row[t.feature[node]]);
        const bool left =
            std::isnan(x) ? t.default_left[node] : x < static_cast<float>(t.threshold[node]);
        node = left ? t.left[node] : t.right[node];
      }
      margin += t.threshold[node];  // a leaf's value is stored in split_conditions
    }
    return 1 / (1 + std::exp(-margin));
  }

 private:
  struct Tree {
    std::vector<int> left, right, feature;
    std::vector<double> threshold;
    std::vector<bool> default_left;
  };
  double base_margin_ = 0;
  std::vector<Tree> trees_;
};

ModelManifest ManifestFor(std::size_t features) {
  return TestManifest("test", "xgboost", features);
}

// The first (1 - validation_fraction) of the rows and the rest, in time order (the app splits
// with analytics::SplitChronologically, which this layer may not include).
Result<std::pair<TrainingSet, TrainingSet>> TrainAndValidation(const TrainingSet& all,
                                                               double validation_fraction) {
  const auto train_rows = static_cast<std::size_t>(
      std::llround(static_cast<double>(all.rows()) * (1 - validation_fraction)));
  ASSIGN_OR_RETURN(TrainingSet train, SliceRows(all, 0, train_rows));
  ASSIGN_OR_RETURN(TrainingSet validation, SliceRows(all, train_rows, all.rows()));
  return std::make_pair(train, validation);
}

XgboostTrainingParams SmallParams() {
  XgboostTrainingParams p;
  p.rounds = 30;
  p.max_depth = 4;
  p.eta = 0.3;
  p.early_stopping_rounds = 0;
  return p;
}

TEST(XgboostModelTest, JsonAndUbjPredictWhatTheirTreesSay) {
  const SyntheticDataset data(3000, 8, 7);
  auto split = TrainAndValidation(data.View(), 0.25);
  ASSERT_TRUE(split.ok()) << split.status();
  XgboostTrainer trainer(SmallParams());
  auto summary = trainer.Train(split->first, &split->second);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->rounds_trained, 30);

  TempDir dir;
  const std::string json_path = dir.File("m.json");
  const std::string ubj_path = dir.File("m.ubj");
  ASSERT_TRUE(trainer.Save(json_path).ok());
  ASSERT_TRUE(trainer.Save(ubj_path).ok());
  const JsonTreeEvaluator reference(json_path);
  EXPECT_EQ(reference.tree_count(), static_cast<std::size_t>(summary->best_round));

  // Fresh rows (another seed), with missing values, some rows entirely missing.
  SyntheticDataset fresh(500, 8, 99, 0.2);
  for (std::size_t c = 0; c < 8; ++c) fresh.features[10 * 8 + c] = NAN;
  const std::size_t rows = fresh.labels.size();
  std::vector<double> expected(rows);
  for (std::size_t r = 0; r < rows; ++r)
    expected[r] = reference.Probability(&fresh.features[r * 8]);

  for (const std::string& path : {json_path, ubj_path}) {
    auto model = XgboostModel::Load(path, ManifestFor(8));
    ASSERT_TRUE(model.ok()) << model.status();
    std::vector<double> got(rows, -1);
    const Status predicted = (*model)->Predict(fresh.features, got);
    ASSERT_TRUE(predicted.ok()) << predicted;
    double min_p = 1, max_p = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      ASSERT_NEAR(got[r], expected[r], 1e-6) << path << " row " << r;
      min_p = std::min(min_p, got[r]);
      max_p = std::max(max_p, got[r]);
    }
    // The model learned something: its probabilities spread out.
    EXPECT_LT(min_p, 0.2);
    EXPECT_GT(max_p, 0.8);
    auto one = (*model)->PredictOne(std::span<const double>(&fresh.features[3 * 8], 8));
    ASSERT_TRUE(one.ok()) << one.status();
    EXPECT_NEAR(*one, expected[3], 1e-6);
    // The default engine is the compiled one, and libxgboost itself agrees exactly.
    EXPECT_EQ((*model)->engine(), XgboostEngine::kCompiled) << (*model)->fallback_reason();
    auto library = XgboostModel::Load(path, ManifestFor(8), {.engine = XgboostEngine::kLibrary});
    ASSERT_TRUE(library.ok()) << library.status();
    std::vector<double> from_library(rows, -1);
    ASSERT_TRUE((*library)->Predict(fresh.features, from_library).ok());
    EXPECT_EQ(got, from_library) << path;
  }
}

TEST(XgboostModelTest, SameDataAndSeedGiveByteIdenticalModels) {
  const SyntheticDataset data(2000, 6, 11);
  auto split = TrainAndValidation(data.View(), 0.2);
  ASSERT_TRUE(split.ok());
  TempDir dir;
  auto train_to = [&](std::uint64_t seed, int nthread, const std::string& path) {
    XgboostTrainingParams p = SmallParams();
    p.seed = seed;
    p.nthread = nthread;
    XgboostTrainer trainer(p);
    ASSERT_TRUE(trainer.Train(split->first, &split->second).ok());
    ASSERT_TRUE(trainer.Save(path).ok());
  };
  train_to(42, 1, dir.File("a.ubj"));
  train_to(42, 1, dir.File("b.ubj"));
  train_to(42, 2, dir.File("c.json"));
  train_to(43, 1, dir.File("d.ubj"));
  train_to(42, 1, dir.File("a.json"));
  train_to(42, 1, dir.File("b.json"));
  EXPECT_EQ(ReadBytes(dir.File("a.ubj")), ReadBytes(dir.File("b.ubj")));
  EXPECT_EQ(ReadBytes(dir.File("a.json")), ReadBytes(dir.File("b.json")));
  // Two threads grow the same trees as one.
  EXPECT_EQ(JsonTreeEvaluator(dir.File("a.json")).tree_count(), 30u);
  EXPECT_EQ(nlohmann::json::parse(ReadBytes(dir.File("a.json")))["learner"]["gradient_booster"],
            nlohmann::json::parse(ReadBytes(dir.File("c.json")))["learner"]["gradient_booster"]);
  // Another seed samples other rows and columns: another model.
  EXPECT_NE(ReadBytes(dir.File("a.ubj")), ReadBytes(dir.File("d.ubj")));
}

TEST(XgboostModelTest, EarlyStoppingKeepsTheTreesUpToTheBestRound) {
  SyntheticDataset data(3000, 6, 5);
  auto split = TrainAndValidation(data.View(), 0.3);
  ASSERT_TRUE(split.ok());
  // Validation labels are noise: validation log-loss stops improving early.
  std::mt19937_64 rng(3);
  std::vector<double> noise(split->second.labels.size());
  for (auto& y : noise) y = static_cast<double>(rng() % 2);
  TrainingSet validation = split->second;
  validation.labels = noise;

  XgboostTrainingParams p = SmallParams();
  p.rounds = 200;
  p.early_stopping_rounds = 5;
  XgboostTrainer trainer(p);
  std::vector<TrainingProgress> lines;
  auto summary = trainer.Train(split->first, &validation,
                               [&](const TrainingProgress& line) { lines.push_back(line); });
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_LT(summary->rounds_trained, 200);
  EXPECT_EQ(summary->rounds_trained - summary->best_round, 5);
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(summary->rounds_trained));
  // The best round has the lowest validation loss seen, as reported to the callback.
  double best = std::numeric_limits<double>::infinity();
  int best_round = 0;
  for (const auto& line : lines) {
    EXPECT_EQ(line.total_rounds, 200);
    ASSERT_TRUE(line.validation_log_loss.has_value());
    if (*line.validation_log_loss < best) {
      best = *line.validation_log_loss;
      best_round = line.round;
    }
  }
  EXPECT_EQ(best_round, summary->best_round);
  EXPECT_DOUBLE_EQ(*summary->validation_log_loss, best);

  TempDir dir;
  ASSERT_TRUE(trainer.Save(dir.File("m.json")).ok());
  EXPECT_EQ(JsonTreeEvaluator(dir.File("m.json")).tree_count(),
            static_cast<std::size_t>(summary->best_round));
}

TEST(XgboostModelTest, ImbalancedClassesAreWeightedByTheirRatio) {
  const SyntheticDataset data(2000, 5, 21, 0.0, 0.1);
  double positives = 0;
  for (double y : data.labels) positives += y;
  ASSERT_GT(positives, 100);
  ASSERT_LT(positives, 400);
  XgboostTrainer trainer(SmallParams());
  auto summary = trainer.Train(data.View());
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_NEAR(summary->positive_weight, (2000 - positives) / positives, 1e-12);

  // The weight reached XGBoost: it is in the saved model's configuration.
  TempDir dir;
  ASSERT_TRUE(trainer.Save(dir.File("m.json")).ok());
  const auto model = nlohmann::json::parse(ReadBytes(dir.File("m.json")));
  const double saved = std::stod(model.at("learner")
                                     .at("objective")
                                     .at("reg_loss_param")
                                     .at("scale_pos_weight")
                                     .get<std::string>());
  EXPECT_NEAR(saved, (2000 - positives) / positives, 1e-4);
}

TEST(XgboostModelTest, ProgressLineShowsBarAndLosses) {
  TrainingProgress p;
  p.round = 90;
  p.total_rounds = 200;
  p.train_log_loss = 0.61234;
  p.validation_log_loss = 0.65541;
  EXPECT_EQ(FormatProgressLine(p), "[#########-----------]  90/200  train 0.6123  valid 0.6554");
  p.validation_log_loss.reset();
  p.round = 200;
  EXPECT_EQ(FormatProgressLine(p, 4), "[####] 200/200  train 0.6123");
}

TEST(XgboostModelTest, LoadErrorsNameTheProblem) {
  const SyntheticDataset data(500, 4, 1);
  XgboostTrainer trainer(SmallParams());
  ASSERT_TRUE(trainer.Train(data.View()).ok());
  TempDir dir;
  ASSERT_TRUE(trainer.Save(dir.File("m.ubj")).ok());

  auto mismatch = XgboostModel::Load(dir.File("m.ubj"), ManifestFor(5));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(mismatch.status().message().find("takes 4 features but its manifest lists 5"),
            std::string::npos)
      << mismatch.status();

  std::ofstream(dir.File("corrupt.json")) << "{\"learner\": [1, 2";
  auto corrupt = XgboostModel::Load(dir.File("corrupt.json"), ManifestFor(4));
  ASSERT_FALSE(corrupt.ok());
  EXPECT_EQ(corrupt.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(corrupt.status().message().find("loading XGBoost model"), std::string::npos);
  EXPECT_NE(corrupt.status().message().find("corrupt.json"), std::string::npos);

  auto missing = XgboostModel::Load(dir.File("none.ubj"), ManifestFor(4));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);

  ModelManifest sequence = ManifestFor(4);
  sequence.sequence_length = 3;
  auto seq = XgboostModel::Load(dir.File("m.ubj"), sequence);
  ASSERT_FALSE(seq.ok());
  EXPECT_NE(seq.status().message().find("sequence_length is 3"), std::string::npos);
}

TEST(XgboostModelTest, PredictRejectsSizesThatDoNotFit) {
  const SyntheticDataset data(500, 4, 1);
  XgboostTrainer trainer(SmallParams());
  ASSERT_TRUE(trainer.Train(data.View()).ok());
  TempDir dir;
  ASSERT_TRUE(trainer.Save(dir.File("m.json")).ok());
  auto model = XgboostModel::Load(dir.File("m.json"), ManifestFor(4));
  ASSERT_TRUE(model.ok()) << model.status();
  std::vector<double> rows(10, 0.5), out(2);
  auto partial = (*model)->Predict(std::span<const double>(rows.data(), 9), out);
  EXPECT_NE(partial.message().find("9 values are not whole rows of 4"), std::string::npos);
  auto few =
      (*model)->Predict(std::span<const double>(rows.data(), 8), std::span<double>(out).first(1));
  EXPECT_NE(few.message().find("2 rows but room for 1"), std::string::npos);
}

TEST(XgboostTrainerTest, BadInputIsRejectedWithTheReason) {
  SyntheticDataset data(400, 3, 2);
  auto split = TrainAndValidation(data.View(), 0.5);
  ASSERT_TRUE(split.ok());
  XgboostTrainer trainer(SmallParams());
  // Validation before training in time.
  auto reversed = trainer.Train(split->second, &split->first);
  ASSERT_FALSE(reversed.ok());
  EXPECT_NE(reversed.status().message().find("validation rows must all come after"),
            std::string::npos);

  data.labels[7] = 0.5;
  auto bad_label = trainer.Train(data.View());
  ASSERT_FALSE(bad_label.ok());
  EXPECT_NE(bad_label.status().message().find("label of row 7 is 0.5"), std::string::npos);
  data.labels[7] = 1;

  std::vector<double> weights(400, 1.0);
  weights[3] = -1;
  TrainingSet weighted = data.View();
  weighted.weights = weights;
  auto bad_weight = trainer.Train(weighted);
  ASSERT_FALSE(bad_weight.ok());
  EXPECT_NE(bad_weight.status().message().find("weight of row 3 is -1"), std::string::npos);

  EXPECT_EQ(trainer.Save("x.json").code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(trainer.Train(data.View()).ok());
  EXPECT_NE(trainer.Save("model.bin").message().find("must end in .json or .ubj"),
            std::string::npos);
  EXPECT_FALSE(SliceRows(data.View(), 0, 0).ok());
  EXPECT_FALSE(SliceRows(data.View(), 10, 401).ok());
}

}  // namespace
}  // namespace pulse::inference
