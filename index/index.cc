namespace wenjin::index {}
