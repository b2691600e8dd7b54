#include "web/mustache_moves.h"

#include <utility>

namespace tafel::web {

using kainjow::mustache::data;

// kainjow hands out its values only as const; they are owned by the (non-const)
// object or list, so writing through them is defined.

void set_moved(data& object, const std::string& name, data&& value) {
  if (!object.is_object()) return;
  object.set(name, data(false));  // a placeholder, cheap to copy
  *const_cast<data*>(object.get(name)) = std::move(value);
}

void push_moved(data& list, data&& value) {
  if (!list.is_list()) return;
  const_cast<kainjow::mustache::list&>(list.list_value()).push_back(std::move(value));
}

}  // namespace tafel::web
