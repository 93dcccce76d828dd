#include "core/status.h"

#include <gtest/gtest.h>

namespace pulse {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgumentError("{} is odd", x);
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckEven(int x) {
  RETURN_IF_ERROR(Half(x).status());
  return Status::Ok();
}

TEST(StatusTest, OkAndErrorToString) {
  EXPECT_EQ(Status::Ok().ToString(), "OK");
  EXPECT_EQ(NotFoundError("signal {} not found", 7).ToString(), "NOT_FOUND: signal 7 not found");
}

TEST(StatusTest, RetryableCodes) {
  EXPECT_TRUE(UnavailableError("x").IsRetryable());
  EXPECT_TRUE(Status(StatusCode::kDeadlineExceeded, "x").IsRetryable());
  EXPECT_FALSE(InvalidArgumentError("x").IsRetryable());
  EXPECT_FALSE(FailedPreconditionError("x").IsRetryable());
}

TEST(StatusTest, MacrosPropagate) {
  EXPECT_EQ(*Quarter(12), 3);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "3 is odd");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).code(), StatusCode::kInvalidArgument);
}

TEST(StatusTest, WithContextPrefixes) {
  EXPECT_EQ(InternalError("disk").WithContext("saving").message(), "saving: disk");
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
}

TEST(StatusDeathTest, ValueOfErrorAborts) {
  Result<int> r = NotFoundError("nope");
  EXPECT_DEATH((void)r.value(), "NOT_FOUND: nope");
}

}  // namespace
}  // namespace pulse
