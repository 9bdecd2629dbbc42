// placeholder until the screening engine lands
namespace wenjin::review {}
