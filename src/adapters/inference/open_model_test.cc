// OpenModel on XGBoost files (the ONNX cases are in onnx_model_test.cc).
#include "adapters/inference/open_model.h"

#include <gtest/gtest.h>

#include "adapters/inference/manifest_json.h"
#include "adapters/inference/testing/synthetic_data.h"
#include "adapters/inference/testing/temp_dir.h"
#include "adapters/inference/testing/test_manifest.h"
#include "adapters/inference/xgboost_model.h"
#include "adapters/inference/xgboost_trainer.h"

namespace pulse::inference {
namespace {

ModelManifest ManifestFor(const std::string& file, std::size_t features) {
  static const std::string kVersion = "2";
  ModelManifest m = TestManifest("btc", "xgboost", features);
  m.version = kVersion;
  m.model_file = file;
  return m;
}

TEST(OpenModelTest, XgboostModelOpensWithItsManifestAndPredictsLikeADirectLoad) {
  const SyntheticDataset data(800, 5, 4);
  XgboostTrainingParams params;
  params.rounds = 20;
  XgboostTrainer trainer(params);
  ASSERT_TRUE(trainer.Train(data.View()).ok());
  TempDir dir;
  const std::string path = dir.File("btc.ubj");
  ASSERT_TRUE(trainer.Save(path).ok());

  auto no_manifest = OpenModel(path);
  ASSERT_FALSE(no_manifest.ok());
  EXPECT_EQ(no_manifest.status().code(), StatusCode::kNotFound);
  EXPECT_NE(no_manifest.status().message().find("btc.ubj.manifest.json"), std::string::npos)
      << no_manifest.status();

  ASSERT_TRUE(WriteManifest(ManifestPathFor(path), ManifestFor("other.ubj", 5)).ok());
  auto other_file = OpenModel(path);
  ASSERT_FALSE(other_file.ok());
  EXPECT_NE(other_file.status().message().find("describes model_file \"other.ubj\""),
            std::string::npos)
      << other_file.status();

  ASSERT_TRUE(WriteManifest(ManifestPathFor(path), ManifestFor("btc.ubj", 6)).ok());
  auto wrong_count = OpenModel(path);
  ASSERT_FALSE(wrong_count.ok());
  EXPECT_NE(wrong_count.status().message().find("takes 5 features but its manifest lists 6"),
            std::string::npos)
      << wrong_count.status();

  ASSERT_TRUE(WriteManifest(ManifestPathFor(path), ManifestFor("btc.ubj", 5)).ok());
  auto opened = OpenModel(path);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ((*opened)->manifest().Tag(), "btc@2");
  auto direct = XgboostModel::Load(path, ManifestFor("btc.ubj", 5));
  ASSERT_TRUE(direct.ok());
  std::vector<double> a(20), b(20);
  const std::span<const double> rows(data.features.data(), 100);
  ASSERT_TRUE((*opened)->Predict(rows, a).ok());
  ASSERT_TRUE((*direct)->Predict(rows, b).ok());
  EXPECT_EQ(a, b);
  EXPECT_NE(a[0], a[1]);
  // The compiled engine by default; the options pick the library engine, same output.
  EXPECT_EQ(dynamic_cast<XgboostModel&>(**opened).engine(), XgboostEngine::kCompiled);
  auto library = OpenModel(path, {.xgboost = {.engine = XgboostEngine::kLibrary}});
  ASSERT_TRUE(library.ok()) << library.status();
  EXPECT_EQ(dynamic_cast<XgboostModel&>(**library).engine(), XgboostEngine::kLibrary);
  std::vector<double> c(20);
  ASSERT_TRUE((*library)->Predict(rows, c).ok());
  EXPECT_EQ(a, c);

  EXPECT_EQ(OpenModel(dir.File("absent.ubj")).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace pulse::inference
