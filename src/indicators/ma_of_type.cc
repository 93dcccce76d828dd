#include "indicators/ma_of_type.h"

namespace pulse::indicators {

MaOfType::Average MaOfType::Make(int period, Type type) {
  if (period <= 1) return Average(std::in_place_type<internal::PassThrough>);
  switch (type) {
    case Type::kSma:
      return Average(std::in_place_type<Sma>, period);
    case Type::kEma:
      return Average(std::in_place_type<Ema>, period);
    case Type::kWma:
      return Average(std::in_place_type<Wma>, period);
    case Type::kDema:
      return Average(std::in_place_type<Dema>, period);
    case Type::kTema:
      return Average(std::in_place_type<Tema>, period);
    case Type::kTrima:
      return Average(std::in_place_type<Trima>, period);
    case Type::kKama:
      return Average(std::in_place_type<Kama>, period);
    case Type::kMama:
      return Average(std::in_place_type<Mama>, 0.5, 0.05);
    case Type::kT3:
      return Average(std::in_place_type<T3>, period, 0.7);
  }
  return Average(std::in_place_type<Sma>, period);
}

MaOfType::MaOfType(int period, Type type) : type_(type), average_(Make(period, type)) {}

void MaOfType::Add(double x) {
  std::visit([x](auto& a) { a.Add(x); }, average_);
}

void MaOfType::Reset() {
  std::visit([](auto& a) { a.Reset(); }, average_);
}

bool MaOfType::Ready() const {
  return std::visit([](const auto& a) { return a.Ready(); }, average_);
}

int MaOfType::WarmUp() const {
  return std::visit([](const auto& a) { return a.WarmUp(); }, average_);
}

double MaOfType::Value(int) const {
  return std::visit([](const auto& a) { return a.Value(0); }, average_);
}

}  // namespace pulse::indicators
